/**
 * The console's shell: the layout every screen uses ({@code templates/console/layout.html}),
 * the navigation by role, the style sheet and scripts under {@code /console/assets}, sign-in,
 * the password change and the Home page. Screens of a feature live in that feature's module
 * and render into this layout (docs/console.md, "How to add a screen"). Who may sign in, and
 * how, is the security module's (people, sessions, CSRF, the Content-Security-Policy).
 */
package dev.arbiter.console;
