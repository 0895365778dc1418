// Import first: only errors in this test file's output (its expected warnings are noise).
process.env.LOG_LEVEL = "error";
