/**
 * A closed-loop HTTP load generator for end-to-end latency measurements of running
 * services ({@code bench/command-path.sh}).
 */
@NullMarked
package dev.warden.benchmarks.http;

import org.jspecify.annotations.NullMarked;
