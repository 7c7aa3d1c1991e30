/**
 * Warden's identity provider: users, passwords, tokens, API keys, roles and tiers.
 */
@NullMarked
package dev.warden.auth;

import org.jspecify.annotations.NullMarked;
