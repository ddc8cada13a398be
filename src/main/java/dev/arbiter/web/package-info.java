/**
 * The HTTP edge: REST controllers, request and response records, and RFC 9457 problem
 * details with stable error codes for everything that can be refused.
 */
package dev.arbiter.web;
