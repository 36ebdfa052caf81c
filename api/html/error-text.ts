import { ApiError } from '../../http/api-error';
import type { StaffWording } from './wording-nl';

/** A refusal in the reader's words where we have them; otherwise the API's own sentence. */
export function apiErrorText(w: StaffWording, error: ApiError): string {
  if (error.code === 'engine_unavailable' || error.statusCode === 503) return w.engineUnavailable;
  if (error.code === 'journey_ended') return w.partner.ended;
  if (error.code === 'request_closed') return w.partner.closed;
  if (error.code === 'forbidden') return w.forbidden;
  if (error.code === 'cross_origin') return w.crossOrigin;
  if (error.statusCode >= 500 || !error.message) return w.failed;
  return error.message;
}
