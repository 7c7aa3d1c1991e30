package dev.warden.audit.log;

import java.util.List;

import dev.warden.audit.chain.AuditRecord;
import org.jspecify.annotations.Nullable;

/**
 * A page of records, newest first.
 *
 * @param items the records
 * @param nextBefore the {@code before} that fetches the next page, if there is one
 */
record AuditLogPage(List<AuditRecord> items, @Nullable Long nextBefore) {

}
