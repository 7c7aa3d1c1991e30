/**
 * The OpenAI-compatible LLM proxy: quotas, intent labels, misuse scores and the AI
 * helpers.
 */
@NullMarked
package dev.warden.llmproxy;

import org.jspecify.annotations.NullMarked;
