# The two set-up commands are scripts (a fresh machine may lack make); these targets call them.
.PHONY: all render test
all: render

render:
	scripts/render.sh

test:
	scripts/test.sh
