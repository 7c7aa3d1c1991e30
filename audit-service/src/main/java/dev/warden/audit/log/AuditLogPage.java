package dev.warden.audit.log;

import java.util.List;

import dev.warden.audit.chain.AuditRecord;
import org.jspecify.annotations.Nullable;

/**
 * A page of records, newest first.
 *
 * @param items the records
 * @param next the cursor of the next page, if there is one: pass it as {@code cursor}
 */
record AuditLogPage(List<AuditRecord> items, @Nullable String next) {

}
