/**
 * The single edge: authentication, tier rate limits, resilience and routing for every
 * outside call.
 */
@NullMarked
package dev.warden.gateway;

import org.jspecify.annotations.NullMarked;
