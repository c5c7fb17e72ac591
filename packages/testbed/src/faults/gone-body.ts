/**
 * What the legacy Fitbit Web API answers since its turndown (HTTP 410 on every endpoint, OAuth
 * included): Fitbit's usual `errors[]` envelope. The simulators reuse it for `gone410`, so a
 * client meets a "this API no longer exists" answer in the shape the real turndown used.
 */
export function legacyGoneBody(): {
  readonly errors: readonly { errorType: string; fieldName: string; message: string }[];
  readonly success: false;
} {
  return {
    errors: [
      {
        errorType: 'gone',
        fieldName: 'n/a',
        message:
          'This API has been turned down and is no longer available. Migrate to its successor API and ask the user to consent again.',
      },
    ],
    success: false,
  };
}
