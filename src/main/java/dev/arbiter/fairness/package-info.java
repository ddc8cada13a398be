/**
 * Thin-file fairness: repayment outcomes reported back for approved credits, and the segment
 * metrics (adverse impact ratio, statistical parity, equal opportunity) computed from counts.
 */
package dev.arbiter.fairness;
