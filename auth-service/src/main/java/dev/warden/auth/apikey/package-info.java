/**
 * API keys: created and shown once, listed without their secrets, revoked, and verified
 * for the gateway, which exchanges them for short-lived access tokens.
 */
@NullMarked
package dev.warden.auth.apikey;

import org.jspecify.annotations.NullMarked;
