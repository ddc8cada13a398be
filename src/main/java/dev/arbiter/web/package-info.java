/**
 * HTTP plumbing every module shares and none owns: RFC 9457 problem documents with stable
 * codes, constraints that say what is allowed, the request body limit.
 */
package dev.arbiter.web;
