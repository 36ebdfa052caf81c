/** A response body as JSON, typed loosely: tests assert its shape with expect(). */
export const readJson = (response: Response): Promise<any> => response.json();
