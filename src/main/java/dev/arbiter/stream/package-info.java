/**
 * Decisions over one long-lived WebSocket ({@code GET /v1/stream}): {@code decide} messages
 * take the same path as {@code POST /v1/decisions}, and {@code subscribe} gives a live feed of
 * committed decisions, masked as the subscriber's role would see them.
 */
package dev.arbiter.stream;
