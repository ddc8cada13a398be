/**
 * The decision record: the HTTP API that decides, reads and searches decisions, and the one
 * recorder that writes a decision with everything it owns in one transaction, then announces it.
 */
package dev.arbiter.recording;
