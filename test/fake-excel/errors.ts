/** Errors as Office.js reports them: an Error with a `code` (Excel.ErrorCodes / OfficeExtension.ErrorCodes). */
export class FakeOfficeError extends Error {
  readonly debugInfo: { readonly code: string; readonly message: string; readonly errorLocation?: string };

  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = errorLocation === undefined ? { code, message } : { code, message, errorLocation };
  }
}

export const ErrorCodes = {
  accessDenied: "AccessDenied",
  apiNotFound: "ApiNotFound",
  generalException: "GeneralException",
  invalidArgument: "InvalidArgument",
  invalidOperation: "InvalidOperation",
  invalidReference: "InvalidReference",
  invalidRequestContext: "InvalidRequestContext",
  invalidSelection: "InvalidSelection",
  itemAlreadyExists: "ItemAlreadyExists",
  itemNotFound: "ItemNotFound",
  notImplemented: "NotImplemented",
  propertyNotLoaded: "PropertyNotLoaded",
  requestPayloadSizeLimitExceeded: "RequestPayloadSizeLimitExceeded",
  responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded",
  runMustReturnPromise: "RunMustReturnPromise",
} as const;

export const fail = (code: string, message: string, where?: string): never => {
  throw new FakeOfficeError(code, message, where);
};
