/**
 * Thin-file fairness: repayment outcomes reported back for approved credits, and the segment
 * metrics (adverse impact ratio, statistical parity, equal opportunity) computed from counts,
 * with their HTTP API; and the search for less discriminatory alternatives to a ruleset version.
 */
package dev.arbiter.fairness;
