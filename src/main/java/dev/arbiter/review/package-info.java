/**
 * Manual review: the queue of referred decisions, a reviewer's conclusion, and an applicant's
 * request that a person look again.
 */
package dev.arbiter.review;
