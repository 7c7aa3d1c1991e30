package dev.warden.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The entry point of {@code ./warden}. */
public final class Warden {

	static final String USAGE = """
			Usage: ./warden <command>
			  up [--fresh] [--replicas svc=N,...] [--only svc,...] [--aot|--no-aot] [--exit-when-ready]
			                 start everything and stay in the foreground; Ctrl-C stops it
			  status         show what runs, on which port, and whether it is ready
			  down           stop a running ./warden up (from another terminal)
			  logs SERVICE   follow a service's log
			  jdk            print the JDK 25 that ./warden and ./mvnw use
			  start-times [N]  measure each service's start with and without its AOT cache""";

	private Warden() {
	}

	public static void main(String[] args) {
		System.exit(run(Arrays.asList(args)));
	}

	static int run(List<String> args) {
		Console console = Console.system();
		if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
			console.line(USAGE);
			return args.isEmpty() ? 2 : 0;
		}
		Path root = Path.of(System.getProperty("warden.root", ".")).toAbsolutePath().normalize();
		try {
			Settings settings = Settings.from(root, System.getenv());
			System.setProperty("warden.logs", settings.logs().toString());
			String java = ProcessHandle.current().info().command().orElse("java");
			return switch (args.getFirst()) {
				case "up" ->
					new UpCommand(settings, UpOptions.parse(args.subList(1, args.size())), console, java).run();
				case "status" -> new StatusCommand(settings, console).run();
				case "down" -> new DownCommand(settings, console).run();
				case "start-times" -> new StartTimesCommand(settings, console, java,
						(args.size() > 1) ? Integer.parseInt(args.get(1)) : 3)
					.run();
				default -> {
					console.line("Unknown command '" + args.getFirst() + "'.\n" + USAGE);
					yield 2;
				}
			};
		}
		catch (LauncherException ex) {
			console.fail(ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 130;
		}
		catch (Exception ex) {
			console.fail("Unexpected: " + ex);
			return 1;
		}
	}

}
