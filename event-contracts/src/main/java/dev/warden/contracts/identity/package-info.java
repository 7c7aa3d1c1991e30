/**
 * Events auth-service publishes on {@code identity.events}: users, roles, tiers, blocks
 * and API keys. The gateway evicts its caches on them.
 */
@NullMarked
package dev.warden.contracts.identity;

import org.jspecify.annotations.NullMarked;
