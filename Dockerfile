# byodkim's container image, for schedules that run it unattended (README "Run it unattended"):
# the package exactly as `npm pack` makes it, installed on Node 22, run as a user without root.
#   docker build -t byodkim:0.1.0 .
#   docker run --rm byodkim:0.1.0 --version

# The tarball a user would install from the registry, built from this checkout.
FROM node:22-bookworm-slim AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# prepack builds dist/; the tarball carries everything byodkim runs (no dependencies to install).
RUN npm pack --pack-destination /tmp && mv /tmp/byodkim-*.tgz /tmp/byodkim.tgz

FROM node:22-bookworm-slim
# nsupdate: the RFC 2136 publisher (dns.publish.provider rfc2136) sends its TSIG-signed updates with it.
RUN apt-get update \
  && apt-get install -y --no-install-recommends bind9-dnsutils \
  && rm -rf /var/lib/apt/lists/*
COPY --from=pack /tmp/byodkim.tgz /tmp/byodkim.tgz
RUN npm install --global --offline --no-audit --no-fund /tmp/byodkim.tgz \
  && rm /tmp/byodkim.tgz \
  && npm cache clean --force
# The image's own unprivileged user: the journal (~/.byodkim/journal) and the config file live in its home.
USER node
WORKDIR /home/node
ENTRYPOINT ["byodkim"]
CMD ["--help"]
