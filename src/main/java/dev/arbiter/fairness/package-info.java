/**
 * Thin-file fairness: repayment outcomes reported back for approved credits, and the segment
 * metrics (adverse impact ratio, statistical parity, equal opportunity) computed from counts,
 * with their HTTP API.
 */
package dev.arbiter.fairness;
