// Package syncer keeps the local cache current from survey platforms' APIs: Qualtrics
// (response export with a continuation token), Typeform (Responses API) and SurveyMonkey
// (bulk responses).
//
// The pieces, from the wire up:
//   - Client is the HTTP layer every connector shares: per-request timeouts, capped
//     exponential backoff with jitter on 5xx and network errors, Retry-After and rate-limit
//     headers honoured on 429, context cancellation, and API tokens masked in every error.
//   - A Connector speaks one platform's API. It pages through a source's responses from a
//     cursor and hands each page, with the cursor that follows it, to the engine.
//   - The Engine writes each page and its cursor in one transaction, so a sync killed at any
//     moment resumes from the last committed page without duplicates or loss; it records a
//     run per source, reports progress, and never lets one source's failure stop the others.
//
// API tokens never reach the database: Secrets reads them from an environment variable or a
// file in the user config directory.
package syncer
