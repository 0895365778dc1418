// Import first in test files that send thousands of requests meant to be refused: their
// expected warnings would bury the test output (errors still print).
process.env.LOG_LEVEL = "error";
