package dev.warden.command.approval;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Marks lapsed approvals expired and keeps the pending-approvals gauge current. */
@Component
class ApprovalSweeper {

	private final Approvals approvals;

	ApprovalSweeper(Approvals approvals) {
		this.approvals = approvals;
	}

	@Scheduled(fixedDelayString = "${warden.approvals.sweep-interval:30s}", initialDelayString = "5s")
	void sweep() {
		this.approvals.expireLapsed();
	}

}
