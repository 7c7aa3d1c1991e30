/**
 * What integration tests need: real infrastructure, test tokens and the shared
 * architecture rules.
 */
@NullMarked
package dev.warden.testsupport;

import org.jspecify.annotations.NullMarked;
