/**
 * Rule patterns: an RE2-syntax subset compiled to deterministic automata, so that
 * matching is linear in the input and rules can be compared exactly.
 */
@NullMarked
package dev.warden.rules.pattern;

import org.jspecify.annotations.NullMarked;
