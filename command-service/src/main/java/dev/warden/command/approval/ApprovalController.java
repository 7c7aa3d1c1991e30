package dev.warden.command.approval;

import java.util.List;
import java.util.UUID;

import dev.warden.command.caller.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/approvals")
@Validated
@Tag(name = "Approvals", description = "Requests to run commands the policy holds for an administrator")
class ApprovalController {

	private final Approvals approvals;

	ApprovalController(Approvals approvals) {
		this.approvals = approvals;
	}

	@GetMapping
	@Operation(summary = "List approvals, newest first: every one for administrators, your own for members. "
			+ "Page with before=<last id>")
	List<ApprovalView> list(@RequestParam(required = false) @Nullable ApprovalStatus status,
			@RequestParam(required = false) @Nullable String requesterId,
			@RequestParam(required = false) @Nullable UUID before,
			@RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit, Caller caller) {
		return this.approvals.list(viewer(caller), status, requesterId, before, limit);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One approval: your own, or any for administrators")
	ApprovalView get(@PathVariable UUID id, Caller caller) {
		return this.approvals.find(id, viewer(caller));
	}

	@PostMapping("/{id}/approve")
	@PreAuthorize("hasRole('ADMIN') and hasAuthority('SCOPE_admin')")
	@Operation(summary = "Approve a pending request (administrators; never your own)")
	ApprovalView approve(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable DecisionNote body,
			Caller caller) {
		return this.approvals.approve(id, note(body), caller.actor());
	}

	@PostMapping("/{id}/reject")
	@PreAuthorize("hasRole('ADMIN') and hasAuthority('SCOPE_admin')")
	@Operation(summary = "Reject a pending request (administrators; never your own)")
	ApprovalView reject(@PathVariable UUID id, @Valid @RequestBody(required = false) @Nullable DecisionNote body,
			Caller caller) {
		return this.approvals.reject(id, note(body), caller.actor());
	}

	private static Viewer viewer(Caller caller) {
		return new Viewer(caller.userId(), caller.admin());
	}

	private static @Nullable String note(@Nullable DecisionNote body) {
		return (body != null) ? body.note() : null;
	}

	record DecisionNote(@Nullable @Size(max = 1000) String note) {
	}

}
