// Import first (bare, before anything reads lib/env) in test files whose expected warnings
// would bury their output — thousands of refused requests, failures made on purpose. Errors
// still print.
process.env.LOG_LEVEL = "error";
