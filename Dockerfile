# The peoplemap API and map. Neo4j runs beside it (docker-compose.yml) or is given by NEO4J_URI.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --config viz/vite.config.ts --logLevel warn
ENV HOST=0.0.0.0 PORT=8080 NODE_ENV=production
EXPOSE 8080
USER node
CMD ["node", "--import", "tsx", "server/server.ts"]
