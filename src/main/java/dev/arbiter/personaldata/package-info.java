/**
 * Applicants' personal data: sealed per record under the master key, masked by role, found
 * only by a keyed hash of a national id, forgotten on request.
 */
package dev.arbiter.personaldata;
