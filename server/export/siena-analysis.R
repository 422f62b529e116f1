# Loads a peoplemap export (the files beside this script) with the statnet packages network and
# sna, prints each wave's density among the residents present, and builds RSiena's data object
# when RSiena is installed.  Run: Rscript analysis.R
suppressPackageStartupMessages({
  library(network)
  library(sna)
})

wave_files <- list.files(pattern = "^wave-[0-9]+\\.csv$")
wave_files <- wave_files[order(as.integer(gsub("\\D", "", wave_files)))]
k <- length(wave_files)
read_wave <- function(file) as.matrix(read.csv(file, row.names = 1, check.names = FALSE))
waves <- lapply(wave_files, read_wave)
residents <- read.csv("residents.csv", stringsAsFactors = FALSE)
composition <- read.csv("composition.csv", stringsAsFactors = FALSE)
n <- nrow(residents)

# 10 marks a resident not yet in the network (RSiena's structural zero): the network of a wave is
# that of the residents present, as peoplemap's /metrics computes it.
for (w in seq_len(k)) {
  present <- diag(waves[[w]]) != 10
  ties <- waves[[w]][present, present, drop = FALSE]
  net <- network(ties, directed = FALSE, matrix.type = "adjacency")
  share <- if (sum(present) < 2) 0 else gden(net, mode = "graph")
  cat(sprintf("wave %d: %d residents, %d ties, density %.17g\n",
              w, sum(present), network.edgecount(net), share))
}

score_files <- list.files(pattern = "^scores-.*\\.csv$")

# RSiena (install.packages("RSiena")): the waves as one dependent network with composition
# change, participant as a constant covariate and each instrument's scores as a varying one.
if (requireNamespace("RSiena", quietly = TRUE)) {
  library(RSiena)
  friendship <- sienaDependent(array(unlist(waves), dim = c(n, n, k)), type = "oneMode")
  participant <- coCovar(residents$participant)
  joining <- sienaCompositionChange(
    lapply(seq_len(n), function(i) c(composition$from[i], composition$to[i])))
  scores <- lapply(score_files, function(file) {
    values <- as.matrix(read.csv(file, row.names = 1))
    # a changing covariate needs three waves or more; with two, the first wave's values are constant
    if (k > 2) varCovar(values[, seq_len(k - 1), drop = FALSE]) else coCovar(values[, 1])
  })
  names(scores) <- gsub("^scores-|\\.csv$", "", score_files)
  siena_data <- do.call(sienaDataCreate,
                        c(list(friendship, participant, joining), scores))
  print(siena_data)
} else {
  cat("RSiena is not installed; with it, this script builds the data for siena07:\n")
  cat("  sienaDataCreate(sienaDependent(array(waves, c(n, n, k))), coCovar(participant),\n")
  cat("                  sienaCompositionChange(joining), varCovar(scores[, 1:(k - 1)]))\n")
}
