/**
 * Who may call Arbiter and what it keeps secret: signed requests with rotating client keys,
 * roles and the authorization table, the master key, clients and their keys.
 */
package dev.arbiter.security;
