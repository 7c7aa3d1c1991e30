package dev.warden.audit.log;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CSV cells follow RFC 4180 and never reach a spreadsheet as a formula. */
class CsvUnitTests {

	@Test
	void leavesPlainValuesAlone() {
		assertThat(Csv.cell("ls -la")).isEqualTo("ls -la");
		assertThat(Csv.cell("")).isEmpty();
		assertThat(Csv.cell(null)).isEmpty();
	}

	@Test
	void quotesCellsWithCommasQuotesAndLineBreaks() {
		assertThat(Csv.cell("a,b")).isEqualTo("\"a,b\"");
		assertThat(Csv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(Csv.cell("one\ntwo")).isEqualTo("\"one\ntwo\"");
		assertThat(Csv.cell("one\r\ntwo")).isEqualTo("\"one\r\ntwo\"");
	}

	@Test
	void neutralisesWhatASpreadsheetWouldRun() {
		assertThat(Csv.cell("=1+2")).isEqualTo("'=1+2");
		assertThat(Csv.cell("+1")).isEqualTo("'+1");
		assertThat(Csv.cell("-1")).isEqualTo("'-1");
		assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(Csv.cell("\t=1")).isEqualTo("'\t=1");
		assertThat(Csv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
		assertThat(Csv.cell("a=1")).isEqualTo("a=1");
	}

}
