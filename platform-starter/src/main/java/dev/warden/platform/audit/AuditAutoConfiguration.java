package dev.warden.platform.audit;

import dev.warden.platform.outbox.Outbox;
import dev.warden.platform.outbox.OutboxAutoConfiguration;
import dev.warden.platform.security.CurrentActor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@link Audit} helper. */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
public class AuditAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Audit audit(Outbox outbox, CurrentActor actor, PlatformTransactionManager transactionManager) {
		TransactionTemplate own = new TransactionTemplate(transactionManager);
		own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		return new Audit(outbox, actor, own);
	}

}
