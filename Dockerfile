# The peoplemap API and map. Neo4j runs beside it (docker-compose.yml) or is given by NEO4J_URI.
# Two stages: the map is built with the devDependencies (Vite, Sigma); the image keeps only the
# runtime dependencies, the server, its Cypher and the built map.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --config viz/vite.config.ts --logLevel warn

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY server ./server
COPY cypher ./cypher
COPY --from=build /app/dist/viz ./dist/viz
EXPOSE 8080
USER node
CMD ["node", "--import", "tsx", "server/server.ts"]
