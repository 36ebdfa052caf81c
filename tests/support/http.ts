/** A response body as JSON, typed loosely: tests assert its shape with expect(). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const readJson = (response: Response): Promise<any> => response.json();
