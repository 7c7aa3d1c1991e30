package dev.warden.benchfloor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A bare web MVC application with one endpoint that inserts one row: what the command
 * path is measured against in {@code bench/command-path.sh}.
 */
@SpringBootApplication
public class FloorApplication {

	public static void main(String[] args) {
		SpringApplication.run(FloorApplication.class, args);
	}

}
