// How every text limit counts: Unicode code points — what a marketer sees as characters
// (an emoji is 1, while `"👟".length` is 2). The API's checks and the forms' counters use
// this one function, so they always agree. (Code points, not grapheme clusters: the
// product name and call to action live in VARCHAR(100) columns, which count code points.)
export const characterCount = (text: string) => [...text].length;
