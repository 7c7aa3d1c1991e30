/**
 * The services that may obtain service tokens with the client-credentials grant.
 */
@NullMarked
package dev.warden.auth.client;

import org.jspecify.annotations.NullMarked;
