/**
 * Jest reporter that ends the run with one plain line, `tests: N passed, N failed, N skipped`,
 * so CI logs show the count in a form any log reader recognises.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
