/** Below this recognition confidence a form's figures are not checked; coverage notes it once. */
export const MIN_CONFIDENCE = 0.75;
