export type HeaderEntry = { key: string; value: string };
export declare const COMMON_SECURITY_HEADERS: HeaderEntry[];
export declare const API_CONTENT_SECURITY_POLICY: string;
export declare const API_SECURITY_HEADERS: HeaderEntry[];
export declare const PAGE_FLOOR_CSP: string;
export declare const SHARE_PAGE_HEADERS: HeaderEntry[];
