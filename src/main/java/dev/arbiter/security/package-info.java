/**
 * Who may call Arbiter and what it keeps secret: signed requests with rotating client keys,
 * roles and the authorization table, the master key, and encryption of personal data.
 */
package dev.arbiter.security;
