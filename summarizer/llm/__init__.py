"""The model backends: configuration, the two transports, re-asks, and the
embedded llama.cpp server's lifecycle. They know nothing of steps, prompts
or the pipeline: a draft brings its own JSON schema."""
