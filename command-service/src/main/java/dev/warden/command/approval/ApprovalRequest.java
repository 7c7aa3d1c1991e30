package dev.warden.command.approval;

/**
 * What a request for approval records.
 *
 * @param command the exact command text
 * @param target the target
 * @param explanation why the policy asks
 * @param matchesJson the matching rules, as JSON
 * @param policyVersion the policy version that asked
 */
public record ApprovalRequest(String command, String target, String explanation, String matchesJson,
		long policyVersion) {
}
