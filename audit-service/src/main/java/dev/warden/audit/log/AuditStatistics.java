package dev.warden.audit.log;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What happened in a time range, counted.
 *
 * @param from the start of the range, inclusive
 * @param to the end of the range, exclusive
 * @param total how many records the range holds
 * @param perDay the counts per day (UTC), action and outcome, by day then action then
 * outcome
 * @param mostActiveUsers the users with the most records, most first
 */
record AuditStatistics(Instant from, Instant to, long total, List<DailyCount> perDay,
		List<ActiveUser> mostActiveUsers) {

	/**
	 * How many records of one action and outcome a day holds.
	 *
	 * @param day the day, UTC
	 * @param action the action
	 * @param outcome the outcome
	 * @param count how many
	 */
	record DailyCount(LocalDate day, String action, String outcome, long count) {
	}

	/**
	 * A user and how many records name them as the actor.
	 *
	 * @param actorId the user's id
	 * @param actorName the user's name on their latest record in the range
	 * @param count how many
	 */
	record ActiveUser(String actorId, String actorName, long count) {
	}

}
