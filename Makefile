# Every target runs TypeScript through tsx: there is no build step.
TSX := node --import tsx
DEBIAN_PACKAGES := chromium tmux

.PHONY: setup test typecheck format bench vectors lessons spake2

## setup: Debian packages the project needs (if missing), then the locked npm tree.
setup:
	@missing=""; for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	npm ci --no-audit --no-fund

## test: type check + format check + every test + lessons + bench smoke; ends with "N passed, N failed".
test:
	$(TSX) test/run.ts

typecheck:
	npx tsc -p . --noEmit

format:
	npx prettier --write .

## bench: the performance tables (docs/performance.md records them).
bench:
	$(TSX) bench/run.ts

## vectors: regenerate vectors/negative and vectors/positive (a test fails if the committed files differ).
vectors:
	$(TSX) vectors/gen/generate.ts

## lesson-N: run lessons/0N-*/lesson.ts, e.g. `make lesson-1`.
lesson-%:
	@dir=$$(ls -d lessons/$$(printf '%02d' $*)-*/ 2>/dev/null | head -n 1); \
	if [ -z "$$dir" ]; then echo "no lesson $* under lessons/" >&2; exit 2; fi; \
	$(TSX) $${dir}lesson.ts

## lessons: run every lesson in order.
lessons:
	@for dir in lessons/[0-9][0-9]-*/; do echo "== $$dir"; $(TSX) $${dir}lesson.ts || exit 1; done
