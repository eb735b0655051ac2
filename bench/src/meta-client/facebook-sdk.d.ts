// The official SDK ships no type declarations; these cover the calls the benchmark makes.
declare module 'facebook-nodejs-business-sdk' {
  export class FacebookAdsApi {
    static init(accessToken: string, locale?: string, crashLog?: boolean): FacebookAdsApi;
    static readonly GRAPH: string;
    readonly accessToken: string;
  }
  export class Ad {
    constructor(
      id: string,
      data?: Record<string, unknown>,
      parentId?: string,
      api?: FacebookAdsApi,
    );
    get(fields: string[], params?: Record<string, unknown>): Promise<Ad>;
    readonly _data: Record<string, unknown>;
  }
  const sdk: { FacebookAdsApi: typeof FacebookAdsApi; Ad: typeof Ad };
  export default sdk;
}
