package dev.warden.rules.pattern;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.Transition;

/**
 * {@code \b} in a finite automaton. The pattern is built with a marker character where it
 * says {@code \b}; intersecting it with {@link #constraint()} keeps only the paths where
 * every marker stands between a word and a non-word character (the text's sentinels count
 * as non-word); turning the marker transitions into empty ones then gives the pattern's
 * language.
 */
final class WordBoundaries {

	/** Stands for {@code \b} while the automaton is built. */
	static final int MARK = 0x01;

	private WordBoundaries() {
	}

	static Automaton resolve(Automaton withMarks) {
		Automaton constrained = Operations.removeDeadStates(Operations.intersection(withMarks, constraint()));
		int states = constrained.getNumStates();
		// Which states each state reaches through markers alone (its closure, itself
		// included).
		List<BitSet> closures = new ArrayList<>(states);
		for (int state = 0; state < states; state++) {
			BitSet closure = new BitSet(states);
			closure.set(state);
			Deque<Integer> pending = new ArrayDeque<>(List.of(state));
			Transition transition = new Transition();
			while (!pending.isEmpty()) {
				int current = pending.poll();
				int count = constrained.initTransition(current, transition);
				for (int i = 0; i < count; i++) {
					constrained.getNextTransition(transition);
					if (transition.min <= MARK && transition.max >= MARK && !closure.get(transition.dest)) {
						closure.set(transition.dest);
						pending.add(transition.dest);
					}
				}
			}
			closures.add(closure);
		}
		Automaton.Builder builder = new Automaton.Builder();
		for (int i = 0; i < states; i++) {
			builder.createState();
		}
		Transition transition = new Transition();
		for (int state = 0; state < states; state++) {
			BitSet closure = closures.get(state);
			boolean accept = false;
			for (int reached = closure.nextSetBit(0); reached >= 0; reached = closure.nextSetBit(reached + 1)) {
				accept |= constrained.isAccept(reached);
				int count = constrained.initTransition(reached, transition);
				for (int i = 0; i < count; i++) {
					constrained.getNextTransition(transition);
					if (transition.min < MARK) {
						builder.addTransition(state, transition.dest, transition.min,
								Math.min(transition.max, MARK - 1));
					}
					if (transition.max > MARK) {
						builder.addTransition(state, transition.dest, Math.max(transition.min, MARK + 1),
								transition.max);
					}
				}
			}
			builder.setAccept(state, accept);
		}
		return builder.finish();
	}

	/**
	 * The automaton of texts (with markers) in which every marker stands at a word
	 * boundary. States remember whether the last character was a word character and what
	 * the next must be.
	 */
	static Automaton constraint() {
		Automaton.Builder builder = new Automaton.Builder();
		// state = previousIsWord * 3 + pending; pending: 0 none, 1 next must be a word
		// character, 2 next must not be one.
		for (int i = 0; i < 6; i++) {
			builder.createState();
			builder.setAccept(i, i % 3 == 0);
		}
		int[][] word = { { '0', '9' }, { 'A', 'Z' }, { '_', '_' }, { 'a', 'z' } };
		int[][] nonWord = { { 0, MARK - 1 }, { MARK + 1, '0' - 1 }, { '9' + 1, 'A' - 1 }, { 'Z' + 1, '_' - 1 },
				{ '_' + 1, 'a' - 1 }, { 'z' + 1, Character.MAX_CODE_POINT } };
		for (int previous = 0; previous < 2; previous++) {
			for (int pending = 0; pending < 3; pending++) {
				int state = previous * 3 + pending;
				if (pending != 2) {
					for (int[] range : word) {
						builder.addTransition(state, 3, range[0], range[1]);
					}
				}
				if (pending != 1) {
					for (int[] range : nonWord) {
						if (range[0] <= range[1]) {
							builder.addTransition(state, 0, range[0], range[1]);
						}
					}
				}
				int required = (previous == 1) ? 2 : 1;
				if (pending == 0 || pending == required) {
					builder.addTransition(state, previous * 3 + required, MARK);
				}
			}
		}
		return builder.finish();
	}

}
