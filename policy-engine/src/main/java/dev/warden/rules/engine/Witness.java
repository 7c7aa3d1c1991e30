package dev.warden.rules.engine;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Transition;
import org.jspecify.annotations.Nullable;

/**
 * Finds a shortest text an automaton accepts, by breadth-first search, choosing readable
 * characters (letters, digits, space, then other printable ASCII) where a transition
 * allows a choice.
 */
final class Witness {

	private static final String PREFERRED = "abcdefghijklmnopqrstuvwxyz0123456789 /-._=ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	private Witness() {
	}

	static @Nullable String shortest(Automaton automaton) {
		int states = automaton.getNumStates();
		if (states == 0) {
			return null;
		}
		int[] parent = new int[states];
		int[] via = new int[states];
		Arrays.fill(parent, -2);
		parent[0] = -1;
		Deque<Integer> queue = new ArrayDeque<>();
		queue.add(0);
		Transition transition = new Transition();
		while (!queue.isEmpty()) {
			int state = queue.poll();
			if (automaton.isAccept(state)) {
				StringBuilder text = new StringBuilder();
				for (int s = state; parent[s] >= 0; s = parent[s]) {
					text.appendCodePoint(via[s]);
				}
				// Without the sentinels that stand for the text's start and end.
				return text.reverse().toString().replace("\u0002", "").replace("\u0003", "");
			}
			int count = automaton.initTransition(state, transition);
			for (int i = 0; i < count; i++) {
				automaton.getNextTransition(transition);
				if (parent[transition.dest] == -2) {
					parent[transition.dest] = state;
					via[transition.dest] = readable(transition.min, transition.max);
					queue.add(transition.dest);
				}
			}
		}
		return null;
	}

	private static int readable(int min, int max) {
		for (int i = 0; i < PREFERRED.length(); i++) {
			char c = PREFERRED.charAt(i);
			if (c >= min && c <= max) {
				return c;
			}
		}
		for (int c = Math.max(min, 0x21); c <= Math.min(max, 0x7e); c++) {
			return c;
		}
		return min;
	}

}
